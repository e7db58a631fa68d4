package org.bioinstruct.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bioinstruct.schemas.topics.TopicSpec;

/**
 * Creates the filter's topics that do not exist yet, with the catalogue's partitions and configs (Kafka
 * Streams refuses to start on a missing source topic). Existing topics are left as they are.
 */
final class FilterTopics {
    private FilterTopics() {
    }

    static void ensureExist(Map<String, Object> adminConfig, List<TopicSpec<?, ?>> specs, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
