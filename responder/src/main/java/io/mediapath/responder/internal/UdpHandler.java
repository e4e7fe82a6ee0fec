package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * UDP: a Binding success (with the receipt when asked with a valid request and there is room; only the receipt, as
 * a bare receipt frame, when a valid request asks for it in place of the answer), a 401 to an Allocate of either
 * dialect, nothing to anything else. Every answer is paid for from the source's UDP budget, so no source
 * ever gets more bytes than it sent.
 */
public final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final Shared shared;

    /** A handler. */
    public UdpHandler(Shared shared) {
        this.shared = shared;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress src = packet.sender();
        ByteBuf content = packet.content();
        int n = content.readableBytes();
        shared.udpIn.addAndGet(n);
        if (src == null || src.getAddress() == null
                || !shared.sources.admitDatagram(src.getAddress(), n, System.nanoTime())) {
            shared.refused.incrementAndGet();
            return;
        }
        shared.arrivals.incrementAndGet();
        Instant at = shared.issuer.map(i -> i.clock().instant()).orElseGet(Instant::now);
        if (n > StunWire.MAX_MESSAGE) {
            shared.arrival(at, "udp", src, packet.recipient(), ArrivalKind.UNKNOWN, n, "none", "none",
                    Optional.empty(), List.of());
            return;
        }
        byte[] b = new byte[n];
        content.getBytes(content.readerIndex(), b);
        ArrivalKind kind = FirstBytes.classify(b, n).orElse(ArrivalKind.UNKNOWN);
        byte[] answer = null;
        String answerName = "none";
        String receiptState = "none";
        try {
            StunWire.Request binding = kind == ArrivalKind.STUN_BINDING ? StunWire.read(b, n, false) : null;
            Optional<byte[]> instead = binding == null ? Optional.empty() : binding.insteadRequest().flatMap(
                    r -> shared.issuer.flatMap(i -> i.admit(r, ReceiptRequest.Mode.INSTEAD_OF_ANSWER)));
            if (instead.isPresent()) {
                // the receipt in place of the Binding success, as a bare receipt frame: asked for with the token
                answer = ReceiptFrames.receipt(shared.issuer.orElseThrow().receipt(instead.get(), ReceiptTransport.UDP,
                        ArrivalKind.STUN_BINDING, at, src, b, 0, Optional.empty(), List.of()));
                answerName = "receipt-instead";
                receiptState = "issued";
            } else if (kind == ArrivalKind.STUN_BINDING) {
                // without a valid token an instead request is an unknown optional attribute: a relay's answer
                StunWire.Request req = binding;
                if (req.insteadRequest().isPresent()) {
                    receiptState = "refused";
                }
                Optional<byte[]> receipt = req.receiptRequest().flatMap(r -> shared.issuer.flatMap(
                        i -> i.issue(r, ReceiptTransport.UDP, ArrivalKind.STUN_BINDING, at, src, b, 0, Optional.empty(),
                                List.of())));
                if (req.receiptRequest().isPresent()) {
                    receiptState = receipt.isPresent() ? "issued" : "refused";
                }
                answer = StunWire.bindingSuccess(req, src, receipt.orElse(null));
                answerName = "binding-success";
                if (receipt.isPresent() && shared.sources.udpBudget(src.getAddress()) < answer.length) {
                    answer = StunWire.bindingSuccess(req, src, null);
                    receiptState = "no-room";
                }
            } else if (kind == ArrivalKind.TURN_ALLOCATE || (kind == ArrivalKind.MS_TURN && FirstBytes.u16(b, 0) == 0x0003)) {
                StunWire.Request req = StunWire.read(b, n, kind == ArrivalKind.MS_TURN);
                answer = StunWire.challenge(req, shared.realm, shared.nonce);
                answerName = "401";
            }
        } catch (IllegalArgumentException malformed) {
            answer = null;
            answerName = "none (malformed)";
        }
        if (answer != null) {
            if (shared.sources.spendUdp(src.getAddress(), answer.length)) {
                shared.udpOut.addAndGet(answer.length);
                shared.answers.incrementAndGet();
                if (receiptState.equals("issued")) {
                    shared.receipts.incrementAndGet();
                }
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), src));
            } else {
                answerName = "none (amplification budget)";
                receiptState = receiptState.equals("issued") ? "no-room" : receiptState;
            }
        }
        shared.arrival(at, "udp", src, packet.recipient(), kind, n, answerName, receiptState, Optional.empty(), List.of());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a UDP socket error (ICMP unreachable on a connected peer) concerns one datagram, never the listener
    }
}
