package dev.logline.demo.gateway;

import dev.logline.demo.SimulatedWork;
import dev.logline.demo.http.ServiceHost;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the card processor the shop pays through: a third party, so it neither continues our traces nor
 * logs to our server. {@code POST /v1/charges} (card, amount) answers 201 with an authorisation code within tens of
 * milliseconds, except for cards of a {@link #SLOW_ISSUER_CARD slow issuer}, where it hangs past any sane client
 * timeout: that is how the shop meets payment timeouts.
 */
public final class PaymentGateway implements AutoCloseable {

    /** The card token whose issuer never answers in time. */
    public static final String SLOW_ISSUER_CARD = "tok_slow_issuer";

    /** How long a slow issuer keeps the charge waiting. */
    static final int SLOW_ISSUER_MS = 1500;

    private final ServiceHost host;

    private PaymentGateway(int port) {
        this.host = ServiceHost.start("payment-gateway", port, Map.of("/v1/charges", new ChargeServlet()), false);
    }

    /** Starts the gateway on {@code port} (0: a free one). */
    public static PaymentGateway start(int port) {
        return new PaymentGateway(port);
    }

    public URI uri() {
        return host.uri();
    }

    @Override
    public void close() {
        host.close();
    }

    private static final class ChargeServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (SLOW_ISSUER_CARD.equals(req.getParameter("card"))) {
                SimulatedWork.pause(SLOW_ISSUER_MS, SLOW_ISSUER_MS);
            } else {
                SimulatedWork.pause(15, 70);
            }
            resp.setStatus(HttpServletResponse.SC_CREATED);
            String code = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
            resp.getWriter().write("AUTH-" + code);
        }
    }
}
