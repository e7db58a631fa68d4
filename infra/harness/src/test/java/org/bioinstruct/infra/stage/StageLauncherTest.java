package org.bioinstruct.infra.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.schemas.platform.MklVendorShim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageLauncherTest {
    @TempDir
    Path root;

    @Test
    void preloadsTheMklShimForThePyTorchStagesOnly() throws Exception {
        assumeTrue(Files.readString(Path.of("/proc/cpuinfo")).contains("AuthenticAMD"), "not an AMD CPU");
        assumeTrue(!"0".equals(System.getenv(MklVendorShim.SWITCH)), "switched off in this environment");
        StageLauncher launcher = new StageLauncher(new ProjectLayout(root), root.resolve("data"));
        Map<String, String> trainer = launcher.environment(Stage.TRAINER);
        assumeTrue(!trainer.isEmpty(), "no C compiler to build the shim");
        Path library = Path.of(trainer.get("LD_PRELOAD").split(":")[0]);
        assertTrue(library.startsWith(root.resolve("infra/harness/target/native")) && Files.isRegularFile(library), library.toString());
        assertEquals(trainer, launcher.environment(Stage.EVALUATOR));
        for (Stage stage : new Stage[] {Stage.GENERATOR, Stage.FILTER, Stage.SHARD_BUILDER}) {
            assertEquals(Map.of(), launcher.environment(stage), stage.cliName());
        }
    }
}
