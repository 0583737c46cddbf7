package dev.newsflow.support.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty's client resolves a host through this resolver, so it connects to exactly the addresses {@link TargetGuard}
 * checked: a DNS server that answers with a public address for a check and a private one for the connection (DNS
 * rebinding) gets nowhere, because there is no second lookup. A refused host fails the request with a
 * {@link RefusedTargetException}, one that does not resolve with an {@link java.net.UnknownHostException}.
 */
public final class GuardedSocketAddressResolver implements SocketAddressResolver {

    private final TargetGuard guard;
    private final Executor executor;

    /**
     * @param executor runs the lookups, which block; {@code Runnable::run} resolves on the calling thread
     */
    public GuardedSocketAddressResolver(TargetGuard guard, Executor executor) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        try {
            executor.execute(() -> resolveNow(host, port, promise));
        } catch (RejectedExecutionException e) {
            promise.failed(e);
        }
    }

    private void resolveNow(String host, int port, Promise<List<InetSocketAddress>> promise) {
        List<InetSocketAddress> addresses;
        try {
            List<InetAddress> checked = guard.resolve(host);
            addresses = checked.stream().map(address -> new InetSocketAddress(address, port)).toList();
        } catch (Exception e) {
            promise.failed(e);
            return;
        }
        promise.succeeded(addresses);
    }
}
