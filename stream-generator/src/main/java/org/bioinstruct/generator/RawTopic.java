package org.bioinstruct.generator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.bioinstruct.schemas.topics.TopicSpec;

/**
 * Creates the raw topic with the catalogue's partitions if it is missing, so a broker's auto-creation
 * (one partition, default retention) never decides its layout. An existing topic is left as it is.
 */
final class RawTopic {
    private RawTopic() {
    }

    static void ensureExists(Map<String, Object> adminConfig, TopicSpec<?, ?> spec, short replicationFactor)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs());
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause(), e.getCause());
            }
        }
    }
}
