package org.bioinstruct.schemas.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;

/**
 * Finds the setting keys the main code of every module reads, from its Java sources. A key is:
 * <ul>
 *   <li>a string literal given as first argument to a {@link Settings} accessor
 *       ({@code settings.intValue("topic.partitions", ...)});</li>
 *   <li>a {@code static final String} constant given as first argument to a {@link Settings} accessor
 *       ({@code s.string(MODEL_DIR, ...)}), wherever it is declared;</li>
 *   <li>a {@code static final String} constant whose value looks like a setting key under a known stage prefix
 *       ({@code "shards.batching"}, {@code PREFIX + "min.words"}), which catches keys read through helpers;</li>
 *   <li>{@code topic.<role>} and {@code topic.<role>.partitions} of every topic in the {@link TopicCatalogue}.</li>
 * </ul>
 * Constants built as {@code A + "b"} from other constants are resolved. Log messages, Avro field names and header
 * names ({@code bioinstruct.run.id}) are no keys: they are neither accessor arguments nor under a stage prefix.
 */
final class SettingKeyScan {
    /** The first segment of every setting key the stages read; a new stage adds its prefix here. */
    static final Set<String> STAGE_PREFIXES = Set.of("bootstrap", "schema", "data", "run", "topic", "kafka",
            "security", "sasl", "ssl", "generator", "llm", "selfinstruct", "import", "filter", "batch", "shards",
            "trainer", "evaluator", "registry", "audit", "dashboard");

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-zA-Z0-9][a-zA-Z0-9_-]*)+\\.?");
    private static final Pattern CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*([^;]+);");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern REFERENCE = Pattern.compile("(?:([A-Z]\\w*)\\.)?([A-Z][A-Z0-9_]*)");

    private final Pattern accessorWithLiteral;
    private final Pattern accessorWithConstant;
    private final Map<String, String> keys = new TreeMap<>();

    private SettingKeyScan() {
        String accessors = accessorNames().stream().collect(Collectors.joining("|"));
        accessorWithLiteral = Pattern.compile("\\.(?:" + accessors + ")\\(\\s*\"([^\"]+)\"");
        accessorWithConstant = Pattern.compile("\\.(?:" + accessors + ")\\(\\s*(?:([A-Z]\\w*)\\.)?([A-Z][A-Z0-9_]*)\\s*[,)]");
    }

    /** Every key found under {@code root/<module>/src/main/java} and {@code root/<module>/<sub>/src/main/java}, with the file that names it. */
    static Map<String, String> scan(Path root) {
        SettingKeyScan scan = new SettingKeyScan();
        scan.scanSources(sourceFiles(root), root);
        scan.keys.putAll(topicKeys());
        return scan.keys;
    }

    /** {@code topic.<role>} and {@code topic.<role>.partitions} of every topic, which the catalogue builds from roles. */
    static Map<String, String> topicKeys() {
        Map<String, String> out = new TreeMap<>();
        String source = "schemas/src/main/java/org/bioinstruct/schemas/topics/TopicCatalogue.java";
        for (TopicSpec<?, ?> spec : TopicCatalogue.defaults().all()) {
            out.put("topic." + spec.role(), source);
            out.put("topic." + spec.role() + ".partitions", source);
        }
        return out;
    }

    /** As {@link #scan(Path)}, over the given sources (file name -> text); for the scanner's own tests. */
    static Map<String, String> scan(Map<String, String> sources) {
        SettingKeyScan scan = new SettingKeyScan();
        scan.scanTexts(sources);
        return scan.keys;
    }

    /** The methods of {@link Settings} that take a key first, so a new accessor is scanned without a change here. */
    static Set<String> accessorNames() {
        return Arrays.stream(Settings.class.getMethods())
                .filter(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == String.class)
                .filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static List<Path> sourceFiles(Path root) {
        List<Path> trees = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                trees.add(module.resolve("src/main/java"));
                try (Stream<Path> subs = Files.list(module)) {
                    subs.filter(Files::isDirectory).map(s -> s.resolve("src/main/java")).forEach(trees::add);
                }
            }
            List<Path> files = new ArrayList<>();
            for (Path tree : trees.stream().filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void scanSources(List<Path> files, Path root) {
        Map<String, String> texts = new HashMap<>();
        for (Path file : files) {
            try {
                texts.put(root.relativize(file).toString(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        scanTexts(texts);
    }

    private void scanTexts(Map<String, String> sources) {
        Map<String, String> code = new HashMap<>();
        sources.forEach((file, text) -> code.put(file, BLOCK_COMMENT.matcher(text).replaceAll(" ")));
        Constants constants = Constants.of(code);
        code.forEach((file, text) -> {
            Matcher literal = accessorWithLiteral.matcher(text);
            while (literal.find()) {
                if (KEY.matcher(literal.group(1)).matches()) {
                    keys.putIfAbsent(literal.group(1), file);
                }
            }
            Matcher constant = accessorWithConstant.matcher(text);
            while (constant.find()) {
                String value = constants.value(file, constant.group(1), constant.group(2));
                if (value != null && KEY.matcher(value).matches()) {
                    keys.putIfAbsent(value, file);
                }
            }
        });
        constants.values.forEach((file, byName) -> byName.values().stream()
                .filter(v -> KEY.matcher(v).matches() && STAGE_PREFIXES.contains(v.substring(0, v.indexOf('.'))))
                .forEach(v -> keys.putIfAbsent(v, file)));
    }

    private static String className(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    /** The string constants of every file, {@code A + "b"} concatenations resolved across files. */
    private static final class Constants {
        final Map<String, Map<String, String>> values = new HashMap<>();
        private final Map<String, Map<String, String>> expressions = new HashMap<>();
        private final Map<String, String> fileOfClass = new HashMap<>();

        static Constants of(Map<String, String> code) {
            Constants constants = new Constants();
            code.forEach((file, text) -> {
                constants.fileOfClass.put(className(file), file);
                Matcher m = CONSTANT.matcher(text);
                while (m.find()) {
                    constants.expressions.computeIfAbsent(file, f -> new HashMap<>()).put(m.group(1), m.group(2));
                }
            });
            boolean changed = true;
            while (changed) {
                changed = false;
                for (var file : constants.expressions.entrySet()) {
                    for (var constant : file.getValue().entrySet()) {
                        Map<String, String> known = constants.values.computeIfAbsent(file.getKey(), f -> new HashMap<>());
                        if (!known.containsKey(constant.getKey())) {
                            String value = constants.evaluate(file.getKey(), constant.getValue());
                            if (value != null) {
                                known.put(constant.getKey(), value);
                                changed = true;
                            }
                        }
                    }
                }
            }
            return constants;
        }

        /** {@code "a" + B + C.D}, or null when a part is not (yet) a known string constant. */
        private String evaluate(String file, String expression) {
            StringBuilder out = new StringBuilder();
            for (String part : expression.split("\\+")) {
                String trimmed = part.strip();
                Matcher string = STRING.matcher(trimmed);
                Matcher reference = REFERENCE.matcher(trimmed);
                if (string.matches()) {
                    out.append(string.group(1));
                } else if (reference.matches()) {
                    String value = value(file, reference.group(1), reference.group(2));
                    if (value == null) {
                        return null;
                    }
                    out.append(value);
                } else {
                    return null;
                }
            }
            return out.toString();
        }

        /** The value of constant {@code name}, of class {@code owner} or, when null, of {@code file}. */
        String value(String file, String owner, String name) {
            String declaring = owner == null ? file : fileOfClass.get(owner);
            Map<String, String> known = declaring == null ? null : values.get(declaring);
            return known == null ? null : known.get(name);
        }
    }

    /** Kafka client keys a stage reads from its {@code kafka.*} block, so the docs name them with that prefix. */
    private static final Set<String> KAFKA_CLIENT_SEGMENTS = Set.of("security", "sasl", "ssl");

    /** The name a key has in the settings files: Kafka client keys read under {@code kafka.} carry that prefix. */
    static String documentedName(String key) {
        return KAFKA_CLIENT_SEGMENTS.contains(key.substring(0, key.indexOf('.'))) ? "kafka." + key : key;
    }

    /**
     * The keys that {@code doc} does not name as a whole word ({@code run.id} is not named by
     * {@code bioinstruct.run.id}); a prefix key such as {@code evaluator.benchmark.} is named by
     * {@code evaluator.benchmark.<name>}.
     */
    static Set<String> missingFrom(String doc, Set<String> keys) {
        Set<String> missing = new java.util.TreeSet<>();
        for (String key : keys) {
            String name = documentedName(key);
            String end = name.endsWith(".") ? "" : "(?![\\w-]|\\.\\w)";
            if (!Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + end).matcher(doc).find()) {
                missing.add(name);
            }
        }
        return missing;
    }
}
