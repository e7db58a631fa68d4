package org.bioinstruct.schemas.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * DJL's PyTorch build links Intel MKL, which on a non-Intel CPU runs generic matrix kernels instead of the
 * AVX2/AVX-512 ones the CPU has (about 2x slower single-thread sgemm on AMD EPYC, docs/BENCHMARKS.md,
 * trainer). MKL asks one function, {@code mkl_serv_intel_cpu_true}, whether the CPU is Intel; it is exported
 * and interposable, so a one-line library preloaded into the JVM ({@code LD_PRELOAD}) answers yes and MKL
 * then picks its kernels by the CPU's feature flags. This builds that library with the system's C compiler
 * on an AMD CPU, once, and names the environment that preloads it; it changes which kernels run, not what
 * they compute (the trainer's {@code MklVendorShimIT} checks training gives the same losses). Off with
 * {@code BIOINSTRUCT_MKL_SHIM=0}; where there is no compiler or no AMD CPU, nothing changes.
 */
public final class MklVendorShim {
    public static final String SWITCH = "BIOINSTRUCT_MKL_SHIM";
    static final String LIBRARY = "libmkl-intel-cpu-true.so";
    private static final String SOURCE = "int mkl_serv_intel_cpu_true(void) { return 1; }\n";
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private MklVendorShim() {
    }

    /** The environment a JVM running DJL's PyTorch should start with here: empty, or LD_PRELOAD of the shim. */
    public static Map<String, String> environment(Path buildDir) {
        return library(buildDir, cpuInfo(), System.getenv())
                .map(library -> Map.of("LD_PRELOAD", preload(library, System.getenv("LD_PRELOAD"))))
                .orElse(Map.of());
    }

    /** The shim, built into {@code buildDir} if needed, when this host wants it and can build it. */
    static Optional<Path> library(Path buildDir, String cpuInfo, Map<String, String> environment) {
        if (!wanted(cpuInfo, environment)) {
            return Optional.empty();
        }
        Path library = buildDir.resolve(LIBRARY);
        return Files.isRegularFile(library) ? Optional.of(library) : build(library);
    }

    static boolean wanted(String cpuInfo, Map<String, String> environment) {
        return !"0".equals(environment.get(SWITCH)) && cpuInfo.contains("AuthenticAMD");
    }

    static String preload(Path library, String existing) {
        return existing == null || existing.isBlank() ? library.toString() : library + ":" + existing;
    }

    private static Optional<Path> build(Path library) {
        try {
            Files.createDirectories(library.getParent());
            Path partial = library.resolveSibling(LIBRARY + ".partial");
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-x", "c", "-o", partial.toString(), "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = cc.getOutputStream()) {
                in.write(SOURCE.getBytes(StandardCharsets.US_ASCII));
            }
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                cc.destroyForcibly();
                return Optional.empty();
            }
            // a rename, so a concurrent launcher never preloads a half-written library
            return Optional.of(Files.move(partial, library, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            return Optional.empty(); // no compiler: MKL keeps its generic kernels
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String cpuInfo() {
        try {
            return Files.readString(CPU_INFO, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
