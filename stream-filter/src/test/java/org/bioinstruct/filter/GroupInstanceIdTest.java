package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupInstanceIdTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheSameIdForTheSameStateDirectoryAcrossRestarts() {
        String first = GroupInstanceId.of(dir.resolve("state"));
        assertTrue(first.matches("filter-[0-9a-f-]{36}"), first);
        assertEquals(first, GroupInstanceId.of(dir.resolve("state")));
        assertTrue(Files.isRegularFile(dir.resolve("state").resolve(GroupInstanceId.FILE)));
    }

    @Test
    void givesInstancesWithTheirOwnStateDirectoriesDifferentIds() {
        assertNotEquals(GroupInstanceId.of(dir.resolve("a")), GroupInstanceId.of(dir.resolve("b")));
    }

    @Test
    void keepsAnIdAnOperatorWroteAndReplacesAnEmptyFile() throws Exception {
        Files.writeString(dir.resolve(GroupInstanceId.FILE), "filter-node-7\n");
        assertEquals("filter-node-7", GroupInstanceId.of(dir));
        Files.writeString(dir.resolve(GroupInstanceId.FILE), "  \n");
        String fresh = GroupInstanceId.of(dir);
        assertTrue(fresh.startsWith("filter-") && fresh.length() > 30, fresh);
        assertEquals(fresh, Files.readString(dir.resolve(GroupInstanceId.FILE)).strip());
    }
}
