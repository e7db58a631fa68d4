package org.bioinstruct.schemas.testkit;

import java.io.IOException;
import java.net.ServerSocket;

/** Local TCP ports for brokers and servers a test starts, or for a client that must find nothing listening. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port the OS reports free now; nothing listens on it until someone binds it. */
    public static int next() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
