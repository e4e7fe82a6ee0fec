package io.mediapath.responder;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.proxy.InterceptingProxy;

/**
 * The lab's intercepting proxy in its pass-through mode that changes one byte, inside the middlebox namespace:
 * {@code BIND_IP PORT UPSTREAM_IP UPSTREAM_PORT OFFSET}. Runs until killed. Used by {@link ResponderNetnsIT}.
 */
public final class ModifyingProxyMain {
    private ModifyingProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        InterceptingProxy p = InterceptingProxy.builder().mode(InterceptingProxy.Mode.PASS_THROUGH_MODIFY)
                .bindAddress(args[0]).port(Integer.parseInt(args[1]))
                .upstream(new TransportAddress(args[2], Integer.parseInt(args[3])))
                .modifyOffset(Integer.parseInt(args[4])).start();
        System.out.println("listening " + p.address());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
