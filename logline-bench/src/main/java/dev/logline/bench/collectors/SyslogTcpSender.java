package dev.logline.bench.collectors;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** Writes framed syslog batches over one TCP connection per lane; the listener pushes back by not reading. */
final class SyslogTcpSender implements BatchSender {

    private final Socket[] sockets;
    private final OutputStream[] outs;

    SyslogTcpSender(int port, int lanes) throws IOException {
        sockets = new Socket[lanes];
        outs = new OutputStream[lanes];
        boolean success = false;
        try {
            for (int i = 0; i < lanes; i++) {
                sockets[i] = new Socket("127.0.0.1", port);
                outs[i] = sockets[i].getOutputStream();
            }
            success = true;
        } finally {
            if (!success) {
                close();
            }
        }
    }

    @Override
    public void send(int lane, byte[] body) throws IOException {
        outs[lane].write(body);
        outs[lane].flush();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Socket s : sockets) {
            if (s == null) {
                continue;
            }
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
