package dev.logline.cli.ship;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilePatternsTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x\n");
        return p;
    }

    @Test
    void globsMatchByNameAndSkipCompressedArchives() throws Exception {
        Path a = touch("a.log");
        Path a1 = touch("a.log.1");
        touch("a.log.2.gz");
        touch("notes.txt");
        assertThat(new FilePatterns(List.of(dir + "/a.log*")).scan()).containsExactly(a, a1);
    }

    @Test
    void doubleStarCrossesDirectoriesAndSingleStarDoesNot() throws Exception {
        Path top = touch("svc/app.log");
        Path deep = touch("svc/x/y/app.log");
        assertThat(new FilePatterns(List.of(dir + "/svc/**.log")).scan()).containsExactly(top, deep);
        assertThat(new FilePatterns(List.of(dir + "/svc/*.log")).scan()).containsExactly(top);
        assertThat(new FilePatterns(List.of(dir + "/*/app.log")).scan()).containsExactly(top);
    }

    @Test
    void plainPathsMatchWhenTheFileExistsAndNewFilesAppearOnTheNextScan() throws Exception {
        FilePatterns patterns = new FilePatterns(List.of(dir + "/late.log", dir + "/d/*.log"));
        assertThat(patterns.scan()).isEmpty();
        Path late = touch("late.log");
        Path inDir = touch("d/one.log");
        assertThat(patterns.scan()).containsExactly(inDir, late);
    }
}
