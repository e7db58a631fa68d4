package org.bioinstruct.filter.query;

import java.util.Collection;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The counts of every instance of the application: this one's stores plus each other instance's
 * {@code /counts/local}, found through the group's metadata. Each instance is read once, one after the
 * other, so a rebalance in between can move a partition's count from one to another; the answer is exact
 * whenever the group is stable.
 */
final class ClusterCounts {
    /** The sum and how many instances it covers. */
    record Snapshot(Counts counts, int instances) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalCounts local;
    private final PeerCounts peers;

    ClusterCounts(KafkaStreams streams, HostInfo self, PeerCounts peers) {
        this.streams = streams;
        this.self = self;
        this.local = new LocalCounts(streams, self);
        this.peers = peers;
    }

    Counts local() {
        return local.read();
    }

    /**
     * Throws {@link CountsUnavailableException} while any instance cannot answer, and
     * {@link IllegalStateException} when this instance's {@code application.server} is not its own address.
     */
    Snapshot all() {
        Counts sum = local.read();
        Collection<StreamsMetadata> clients;
        try {
            clients = streams.metadataForAllStreamsClients();
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("the filter stopped running: " + e.getMessage(), e);
        }
        if (clients.stream().noneMatch(client -> client.hostInfo().equals(self))) {
            throw new IllegalStateException("this instance is not in the group metadata as " + self.host() + ":"
                    + self.port() + ": its application.server must be set to that address");
        }
        for (StreamsMetadata client : clients) {
            if (!client.hostInfo().equals(self)) {
                sum = sum.plus(peers.fetch(client.hostInfo()));
            }
        }
        return new Snapshot(sum, clients.size());
    }
}
