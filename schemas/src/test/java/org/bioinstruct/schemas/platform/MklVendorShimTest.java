package org.bioinstruct.schemas.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MklVendorShimTest {
    private static final String AMD = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: avx2 avx512f\n";
    private static final String INTEL = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: avx2\n";

    @TempDir
    Path dir;

    @Test
    void isWantedOnAmdUnlessSwitchedOff() {
        assertTrue(MklVendorShim.wanted(AMD, Map.of()));
        assertTrue(MklVendorShim.wanted(AMD, Map.of(MklVendorShim.SWITCH, "1")));
        assertFalse(MklVendorShim.wanted(AMD, Map.of(MklVendorShim.SWITCH, "0")));
    }

    @Test
    void leavesIntelAlone() {
        assertFalse(MklVendorShim.wanted(INTEL, Map.of()));
        assertEquals(Optional.empty(), MklVendorShim.library(dir, INTEL, Map.of()));
    }

    @Test
    void keepsAnExistingPreloadAfterTheShim() {
        Path library = Path.of("/x/libshim.so");
        assertEquals("/x/libshim.so", MklVendorShim.preload(library, null));
        assertEquals("/x/libshim.so:/y/other.so", MklVendorShim.preload(library, "/y/other.so"));
    }

    @Test
    void buildsASharedLibraryExportingTheVendorCheckOnce() throws Exception {
        assumeTrue(compilerPresent(), "no C compiler on this host");
        Path library = MklVendorShim.library(dir, AMD, Map.of()).orElseThrow();
        byte[] bytes = Files.readAllBytes(library);
        assertEquals("\u007fELF", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("mkl_serv_intel_cpu_true"));
        long built = Files.getLastModifiedTime(library).toMillis();
        assertEquals(library, MklVendorShim.library(dir, AMD, Map.of()).orElseThrow());
        assertEquals(built, Files.getLastModifiedTime(library).toMillis());
    }

    static boolean compilerPresent() {
        try {
            return new ProcessBuilder("cc", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
