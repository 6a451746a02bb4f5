package fixshapes.async;

import java.util.Collections;
import java.util.concurrent.CompletableFuture;

import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import fixshapes.model.Event;

/** Looks up a user profile asynchronously (here: a completed future). */
public class ProfileLookup extends RichAsyncFunction<Event, String> {
    @Override
    public void asyncInvoke(Event e, ResultFuture<String> resultFuture) {
        CompletableFuture.supplyAsync(() -> e.userId + ":gold")
                .thenAccept(profile -> resultFuture.complete(Collections.singleton(profile + " " + e.kind)));
    }
}
