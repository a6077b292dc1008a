package dev.logline.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.util.Iterator;

/** Splits a message into {@link MessageTokens} for the full-text field, so index and query tokenise alike. */
final class MessageAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new MessageTokenizer());
    }

    /** Reads the whole (bounded) message, then hands out its tokens. */
    private static final class MessageTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final StringBuilder text = new StringBuilder();
        private Iterator<MessageTokens.Token> tokens;

        @Override
        public boolean incrementToken() throws IOException {
            if (tokens == null) {
                char[] buf = new char[1024];
                for (int n = input.read(buf); n >= 0; n = input.read(buf)) {
                    text.append(buf, 0, n);
                }
                tokens = MessageTokens.of(text.toString()).iterator();
            }
            if (!tokens.hasNext()) {
                return false;
            }
            clearAttributes();
            MessageTokens.Token t = tokens.next();
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
