package org.bioinstruct.infra.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage.Tool;
import org.junit.jupiter.api.Test;

/**
 * The harness names the stage modules' classes as strings (it runs them in other JVMs), so a renamed or moved main
 * class fails here, at build time, rather than when a stage is started: each must be a source file of its stage's
 * module (nested modules such as trainer/model included) with a {@code main} method.
 */
class StageMainClassesTest {
    private static final Path ROOT = ProjectLayout.detect().root();

    @Test
    void everyStagesMainClassIsInItsModule() throws IOException {
        for (Stage stage : Stage.values()) {
            assertHasMain(stage.module(), stage.mainClass());
        }
    }

    @Test
    void everyToolsMainClassIsInItsStagesModule() throws IOException {
        for (Tool tool : Tool.values()) {
            assertHasMain(tool.stage().module(), tool.mainClass());
        }
    }

    private static void assertHasMain(String module, String mainClass) throws IOException {
        Path relative = Path.of(mainClass.replace('.', '/') + ".java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT.resolve(module))) {
            sources = files.filter(p -> p.endsWith(relative))
                    .filter(p -> ROOT.resolve(module).relativize(p).toString().replace('\\', '/')
                            .matches("([^/]+/)*src/main/java/.*"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        }
        assertEquals(1, sources.size(), mainClass + " in module " + module + ": " + sources);
        assertTrue(Files.readString(sources.get(0)).contains("static void main(String"),
                mainClass + " has no main method");
    }
}
