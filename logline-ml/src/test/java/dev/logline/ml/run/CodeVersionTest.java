package dev.logline.ml.run;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CodeVersionTest {

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void readsThisCheckoutsCommitAsGitDoes() throws Exception {
        Process git;
        try {
            git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("skipped: git is not installed");
            return;
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Assumptions.assumeTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0,
                "skipped: not running inside a git checkout (" + out + ")");

        CodeVersion v = CodeVersion.fromCheckout(Path.of("")).orElseThrow();
        assertThat(v.commit()).isEqualTo(out);
        assertThat(v.source()).isEqualTo("git");
    }

    @Test
    void followsLooseRefsPackedRefsWorktreesAndDetachedHeads(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo/.git");
        Files.createDirectories(repo.resolve("refs/heads"));
        Files.writeString(repo.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve("refs/heads/main"), A + "\n");
        Path work = Files.createDirectories(dir.resolve("repo/src/deep"));
        assertThat(CodeVersion.fromCheckout(work)).contains(new CodeVersion(A, "main", "git"));

        Files.delete(repo.resolve("refs/heads/main"));
        Files.writeString(repo.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + B + " refs/heads/main\n");
        assertThat(CodeVersion.fromCheckout(work)).contains(new CodeVersion(B, "main", "git"));

        // A linked worktree: ".git" is a file naming its git dir, whose "commondir" leads to the shared refs.
        Path wtGit = Files.createDirectories(repo.resolve("worktrees/feature"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertThat(CodeVersion.fromCheckout(wt)).contains(new CodeVersion(B, "main", "git"));

        Files.writeString(wtGit.resolve("HEAD"), A + "\n");
        assertThat(CodeVersion.fromCheckout(wt)).contains(new CodeVersion(A, null, "git"));
    }

    @Test
    void nothingOutsideACheckout(@TempDir Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Assumptions.assumeFalse(Files.exists(d.resolve(".git")), "skipped: the temp folder is inside a checkout");
        }
        assertThat(CodeVersion.fromCheckout(dir).map(CodeVersion::source)).isEmpty();
    }
}
