package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.StreamsConfig;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {
    private static final Settings REQUIRED = Settings.fromArgs("bootstrap.servers=localhost:9092",
            "schema.registry.url=mock://cfg", "data.dir=/tmp/bio");

    @Test
    void runsExactlyOnceV2WithDefaults() {
        Properties props = FilterSettings.from(REQUIRED).streamsConfig();
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("bioinstruct-filter", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(Path.of("/tmp/bio", "filter-state").toString(), props.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals(200L, props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(1, props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    }

    @Test
    void explicitStateDirNeedsNoDataDir() {
        Properties props = FilterSettings.from(Settings.fromArgs("bootstrap.servers=b:9092",
                "schema.registry.url=mock://c", "filter.state.dir=/var/filter", "filter.application.id=f2",
                "filter.replication.factor=3", "kafka.max.poll.records=50")).streamsConfig();
        assertEquals("/var/filter", props.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals("f2", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(3, props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("50", props.get("max.poll.records"));
    }

    @Test
    void leavesTheGroupOnCloseUnlessToldToStay() {
        assertEquals(GroupMembershipOperation.LEAVE_GROUP, OperationOf.closeOptions(REQUIRED));
        assertEquals(GroupMembershipOperation.REMAIN_IN_GROUP,
                OperationOf.closeOptions(REQUIRED.with(FilterSettings.LEAVE_GROUP_ON_CLOSE, "false")));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> FilterSettings.from(REQUIRED.with(FilterSettings.LEAVE_GROUP_ON_CLOSE, "sometimes")));
        assertEquals(FilterSettings.LEAVE_GROUP_ON_CLOSE, e.key());
    }

    @Test
    void refusesAStaticMembershipSettingThatIsNoBooleanNamingIt() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new FilterApp(REQUIRED.with(FilterSettings.STATIC_MEMBERSHIP, "maybe")));
        assertEquals(FilterSettings.STATIC_MEMBERSHIP, e.key());
    }

    /** Reads the operation Kafka Streams keeps in a protected field. */
    private static final class OperationOf extends CloseOptions {
        private OperationOf(CloseOptions options) {
            super(options);
        }

        static GroupMembershipOperation closeOptions(Settings settings) {
            return new OperationOf(FilterSettings.from(settings).closeOptions()).operation;
        }
    }

    @Test
    void missingStateLocationNamesDataDir() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FilterSettings.from(
                Settings.fromArgs("bootstrap.servers=b:9092", "schema.registry.url=mock://c")));
        assertEquals("data.dir", e.key());
    }

    @Test
    void missingRegistryUrlIsNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new FilterApp(
                Settings.fromArgs("bootstrap.servers=b:9092", "data.dir=/tmp/x")));
        assertEquals("schema.registry.url", e.key());
    }

    @Test
    void unreadableRegistryCredentialsFileFailsAtStartUpNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new FilterApp(
                REQUIRED.with(RegistryCredentials.USER_INFO_FILE, "/nonexistent/registry-user-info")));
        assertEquals(RegistryCredentials.USER_INFO_FILE, e.key());
    }

    @Test
    void badReplicationFactorIsNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> FilterSettings.from(REQUIRED.with("filter.replication.factor", "zero")));
        assertEquals("filter.replication.factor", e.key());
    }
}
