package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void environmentWinsThenSharedDataThenLocalData() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("repo"));
        assertEquals(Path.of("/x/y"), DataDirectory.resolve(Map.of("BEATFLOW_DATA", "/x/y"), work).root());
        assertEquals(work.resolve("data"), DataDirectory.resolve(Map.of(), work).root());
        Files.createDirectories(tmp.resolve("shared/data"));
        assertEquals(tmp.resolve("shared/data"), DataDirectory.resolve(Map.of(), work).root());
    }

    @Test
    void missingRecordsAreListedWithTheDownloadCommand() throws IOException {
        Files.createDirectories(tmp.resolve("mitdb"));
        Files.writeString(tmp.resolve("mitdb/100.hea"), "100 2 360 10\n");
        DataDirectory d = new DataDirectory(tmp);
        MissingDataException e = assertThrows(MissingDataException.class,
                () -> d.requireRecords("mitdb", "1.0.0", List.of("100", "101"), List.of("hea", "atr")));
        assertEquals(3, e.missing().size());
        assertTrue(e.getMessage().startsWith("3 file(s) of database mitdb missing under "), e.getMessage());
        assertTrue(e.getMessage().contains("100.atr, 101.hea, 101.atr"), e.getMessage());
        assertTrue(e.getMessage().contains("beatflow download mitdb --version 1.0.0 --to "), e.getMessage());
    }
}
