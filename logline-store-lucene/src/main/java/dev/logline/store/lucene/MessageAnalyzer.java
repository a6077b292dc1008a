package dev.logline.store.lucene;

import dev.logline.query.match.MessageTokens;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits a message into {@link MessageTokens} for the full-text field, so index and query tokenise alike; a query's
 * words go through {@link #terms} for the same reason.
 */
final class MessageAnalyzer extends Analyzer {

    /** Longer runs are not indexed: Lucene refuses terms above 32 KiB, and nobody searches for such a word. */
    static final int MAX_TOKEN_CHARS = 4096;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new MessageTokenizer());
    }

    /** The terms the index holds for a text: its tokens, without the over-long ones that are never indexed. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        indexedTokens(text, (token, start, end) -> out.add(token));
        return out;
    }

    private static void indexedTokens(String text, MessageTokens.Visitor visitor) {
        MessageTokens.forEach(text, (token, start, end) -> {
            if (end - start <= MAX_TOKEN_CHARS) {
                visitor.token(token, start, end);
            }
        });
    }

    /** A token and where it sits in the message. */
    private record Token(String text, int start, int end) {
    }

    /** Reads the whole (bounded) message, then hands out its tokens. */
    private static final class MessageTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final StringBuilder text = new StringBuilder();
        private Iterator<Token> tokens;

        @Override
        public boolean incrementToken() throws IOException {
            if (tokens == null) {
                char[] buf = new char[1024];
                for (int n = input.read(buf); n >= 0; n = input.read(buf)) {
                    text.append(buf, 0, n);
                }
                List<Token> all = new ArrayList<>();
                indexedTokens(text.toString(), (token, start, end) -> all.add(new Token(token, start, end)));
                tokens = all.iterator();
            }
            if (!tokens.hasNext()) {
                return false;
            }
            clearAttributes();
            Token t = tokens.next();
            term.setEmpty().append(t.text());
            offset.setOffset(correctOffset(t.start()), correctOffset(t.end()));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int last = correctOffset(text.length());
            offset.setOffset(last, last);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            text.setLength(0);
            tokens = null;
        }
    }
}
