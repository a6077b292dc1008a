package dev.logline.ml.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The version of the code a run trained with: a git commit, read from a CI variable or from the {@code .git} of the
 * working directory or a parent — files only, no {@code git} process, so it costs nothing and works in containers.
 *
 * @param commit the full commit id
 * @param branch the branch checked out, or {@code null} (detached, or known from CI without a branch)
 * @param source where it came from: {@code git} or the environment variable's name
 */
public record CodeVersion(String commit, String branch, String source) {

    /** CI variables that name the commit being built, checked in this order before any {@code .git}. */
    static final List<String> COMMIT_VARIABLES = List.of("GIT_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA",
            "BUILD_VCS_NUMBER", "SOURCE_VERSION");

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /** The commit of the current directory's checkout or CI build, if any. */
    public static Optional<CodeVersion> detect() {
        for (String name : COMMIT_VARIABLES) {
            String v = System.getenv(name);
            if (v != null && COMMIT.matcher(v.trim()).matches()) {
                return Optional.of(new CodeVersion(v.trim(), null, name));
            }
        }
        return fromCheckout(Path.of("").toAbsolutePath());
    }

    /** The commit checked out in the git working tree holding {@code dir}, found by walking up to its {@code .git}. */
    public static Optional<CodeVersion> fromCheckout(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path dotGit = d.resolve(".git");
            try {
                if (Files.isDirectory(dotGit)) {
                    return read(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    // A linked worktree or submodule: ".git" is a file saying "gitdir: <path>".
                    String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (text.startsWith("gitdir:")) {
                        return read(d.resolve(text.substring("gitdir:".length()).trim()).normalize());
                    }
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<CodeVersion> read(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (COMMIT.matcher(head).matches()) {
            return Optional.of(new CodeVersion(head, null, "git"));
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring("ref:".length()).trim();
        String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        // Refs of a linked worktree live in the main repository, named by "commondir".
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
        }
        for (Path refs : List.of(gitDir, common)) {
            Path loose = refs.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String id = Files.readString(loose, StandardCharsets.UTF_8).trim();
                if (COMMIT.matcher(id).matches()) {
                    return Optional.of(new CodeVersion(id, branch, "git"));
                }
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).trim().equals(ref)
                        && COMMIT.matcher(line.substring(0, space)).matches()) {
                    return Optional.of(new CodeVersion(line.substring(0, space), branch, "git"));
                }
            }
        }
        return Optional.empty();
    }

    /** The attributes a run logs: commit, branch (when known), source. */
    public Map<String, Object> toAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", commit);
        if (branch != null) {
            m.put("branch", branch);
        }
        m.put("source", source);
        return m;
    }
}
