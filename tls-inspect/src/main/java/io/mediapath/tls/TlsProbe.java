package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.ProbeListener;
import io.mediapath.tls.wire.HttpSniffer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.CompletionStage;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The full TLS probe: a real TLS 1.2/1.3 handshake with Bouncy Castle's {@link TlsClientProtocol} in non-blocking
 * mode over a Netty channel. It records the raw server flight (records per read, with timings), parses the
 * ServerHello itself (extension order, HelloRetryRequest, group, ALPN), captures the whole chain without judging
 * it during the handshake, then judges afterwards. It never sends application data. The first bytes are sniffed
 * before Bouncy Castle sees them, so an HTTP page or a non-TLS answer is classified, not thrown.
 */
public final class TlsProbe extends InspectionProbe {

    /** The probe's name in results. */
    public static final String NAME = "tls";

    private TlsProbe(InspectOptions options, EventLoopGroup group) {
        super(options, group);
    }

    /** A probe with these options, on mediapath's shared daemon event loops. */
    public static TlsProbe create(InspectOptions options) {
        return new TlsProbe(options, EventLoops.shared());
    }

    /**
     * A probe with these options on the caller's Netty event loops (an application that runs Netty already, or a
     * test that counts threads). The caller owns the group and shuts it down.
     */
    public static TlsProbe create(InspectOptions options, EventLoopGroup group) {
        return new TlsProbe(options, group);
    }

    /** A probe with {@link InspectOptions#defaults()}. */
    public static TlsProbe create() {
        return create(InspectOptions.defaults());
    }

    /** Inspects {@code target} by {@code deadline}, reporting the timeline to {@code listener}. */
    @Override
    public CompletionStage<TlsInspection> inspect(TransportAddress target, Deadline deadline, ProbeListener listener) {
        return new Session(target, options, group, deadline, listener).start();
    }

    /** The SNI to send: the option, else the target host when it is a name (never an IP literal, RFC 6066 §3). */
    static String sniFor(TransportAddress target, InspectOptions options) {
        if (options.sni() != null) {
            return options.sni().isEmpty() ? null : options.sni();
        }
        return target.isIpLiteral() ? null : target.host();
    }

    private static final class Session extends ProbeSession {
        private final TlsClientProtocol protocol = new TlsClientProtocol();
        private int fed;
        private boolean failed;

        Session(TransportAddress target, InspectOptions options, EventLoopGroup group, Deadline deadline,
                ProbeListener listener) {
            super(NAME, target, options, group, deadline, listener);
            obs.sni = sniFor(target, options);
        }

        @Override
        void sendHello(ChannelHandlerContext ctx) {
            try {
                protocol.connect(new RecordingClient(new BcTlsCrypto(new SecureRandom()), obs, options.alpn()));
                int n = flush(ctx);
                obs.event("hello.sent", "TLS ClientHello, " + n + " bytes" + (obs.sni == null ? ", no SNI" : ", SNI " + obs.sni));
            } catch (IOException | RuntimeException e) {
                failed = true;
                finish(Observation.Ending.ERROR, "could not start the handshake: " + ProbeSession.reason(e));
            }
        }

        @Override
        boolean libraryDriving() {
            return obs.kind == Observation.Kind.TLS && !failed;
        }

        @Override
        boolean answerComplete(ChannelHandlerContext ctx) {
            switch (obs.kind) {
                case HTTP:
                    return HttpSniffer.complete(obs.answer);
                case TLS:
                    break;
                default:
                    return false;
            }
            if (failed) {
                return true;
            }
            byte[] chunk = Arrays.copyOfRange(obs.answer, fed, obs.answer.length);
            fed = obs.answer.length;
            try {
                protocol.offerInput(chunk);
                flush(ctx);
            } catch (TlsFatalAlertReceived e) {
                failed = true;
                obs.alertReceived = new TlsAlert(AlertLevel.fatal, e.getAlertDescription());
                return true;
            } catch (TlsFatalAlert e) {
                failed = true;
                obs.alertRaised = new TlsAlert(AlertLevel.fatal, e.getAlertDescription());
                obs.alertRaisedMessage = String.valueOf(e.getMessage());
                return true;
            } catch (IOException | RuntimeException e) {
                failed = true;
                obs.error = "TLS library: " + e;
                return true;
            }
            if (obs.handshakeComplete) {
                obs.event("tls.handshake.complete", "");
                return true;
            }
            return obs.parser.malformed();
        }

        private int flush(ChannelHandlerContext ctx) {
            int n = protocol.getAvailableOutputBytes();
            if (n > 0) {
                byte[] out = new byte[n];
                protocol.readOutput(out, 0, n);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(out)).addListener(f -> {
                    if (!f.isSuccess()) {
                        writeFailed(f.cause());
                    }
                });
            }
            return n;
        }
    }

    /** A client that offers TLS 1.3 and 1.2, records what the server presents and accepts any chain (judged later). */
    private static final class RecordingClient extends DefaultTlsClient {
        private final Observation obs;
        private final List<String> alpn;

        RecordingClient(BcTlsCrypto crypto, Observation obs, List<String> alpn) {
            super(crypto);
            this.obs = obs;
            this.alpn = alpn;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
        }

        @Override
        protected Vector<ServerName> getSNIServerNames() {
            if (obs.sni == null) {
                return null;
            }
            Vector<ServerName> v = new Vector<>();
            v.add(new ServerName(NameType.host_name, obs.sni.getBytes(StandardCharsets.US_ASCII)));
            return v;
        }

        @Override
        protected Vector<ProtocolName> getProtocolNames() {
            if (alpn.isEmpty()) {
                return null;
            }
            Vector<ProtocolName> v = new Vector<>();
            alpn.forEach(p -> v.add(ProtocolName.asUtf8Encoding(p)));
            return v;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    org.bouncycastle.tls.Certificate c = serverCertificate.getCertificate();
                    List<byte[]> chain = new ArrayList<>();
                    for (int i = 0; i < c.getLength() && i < 16; i++) {
                        chain.add(c.getCertificateAt(i).getEncoded());
                    }
                    obs.libraryChain = List.copyOf(chain);
                    obs.event("tls.certificate", chain.size() + " certificates");
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                    return null; // never authenticate: a probe has no identity to offer
                }
            };
        }

        @Override
        public void notifyAlertReceived(short alertLevel, short alertDescription) {
            obs.alertReceived = new TlsAlert(alertLevel, alertDescription);
            obs.event("tls.alert.received", obs.alertReceived.toString());
        }

        @Override
        public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
            if (obs.alertRaised == null) {
                obs.alertRaised = new TlsAlert(alertLevel, alertDescription);
                obs.alertRaisedMessage = message == null ? "" : message;
            }
            obs.event("tls.alert.raised", new TlsAlert(alertLevel, alertDescription) + (message == null ? "" : ": " + message));
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            obs.handshakeComplete = true;
            SecurityParameters sp = context.getSecurityParametersConnection();
            if (sp != null) {
                obs.negotiatedGroup = sp.getNegotiatedGroup();
                ProtocolName pn = sp.getApplicationProtocol();
                obs.negotiatedAlpn = pn == null ? "" : pn.getUtf8Decoding();
            }
        }
    }
}
