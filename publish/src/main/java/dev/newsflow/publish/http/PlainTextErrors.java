package dev.newsflow.publish.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a malformed request line, an ambiguous URI, an exception in a handler): a status line
 * in plain text with the safety headers, never a page that quotes the request.
 */
final class PlainTextErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code
                : HttpStatus.INTERNAL_SERVER_ERROR_500;
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("error " + status + " after the response was committed"));
            return true;
        }
        response.getHeaders().clear();
        PublishHandler.addSafetyHeaders(response.getHeaders());
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        String reason = HttpStatus.getMessage(status);
        PublishHandler.plainText(response, callback, status, status + " " + (reason == null ? "error" : reason)
                .toLowerCase(java.util.Locale.ROOT) + "\n");
        return true;
    }
}
