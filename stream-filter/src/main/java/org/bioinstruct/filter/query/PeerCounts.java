package org.bioinstruct.filter.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance of the filter for its local counts ({@code GET /counts/local}). */
final class PeerCounts {
    private final HttpClient client;
    private final Duration timeout;

    PeerCounts(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Throws {@link CountsUnavailableException} when the peer cannot answer (restarting, rebalancing). */
    Counts fetch(HostInfo peer) {
        String address = peer.host() + ":" + peer.port();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + CountsServer.LOCAL_PATH))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CountsUnavailableException("instance " + address + " answered " + response.statusCode() + ": "
                        + CountsJson.error(response.body()));
            }
            return CountsJson.parse(response.body());
        } catch (IOException e) {
            throw new CountsUnavailableException("instance " + address + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CountsUnavailableException("interrupted while asking instance " + address, e);
        }
    }
}
