package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.CommandPipeline.attempt;
import static io.switchboard.runtime.messaging.CommandPipeline.expect;

import com.google.protobuf.ByteString;
import io.switchboard.runtime.messaging.log.RegisterUser;
import io.switchboard.runtime.sharding.ShardRange;
import io.switchboard.runtime.sharding.Shards;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Registering users and authenticating their tokens; see {@link MessagingService}. */
final class RegistrationRequests {

  private final CommandPipeline pipeline;
  private final AtomicInteger registrations = new AtomicInteger();

  RegistrationRequests(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  CompletableFuture<Registration> register(String displayName, String dataCenter) {
    return attempt(
        () -> {
          RequestChecks.name(displayName, pipeline.limits());
          ShardRange range =
              pipeline
                  .context()
                  .homes()
                  .rangeOf(dataCenter)
                  .orElseThrow(
                      () ->
                          new MessagingException(
                              Rejection.UNKNOWN_DATA_CENTER, "no data centre " + dataCenter));
          int shard = pipeline.router().pickLedShard(range, registrations.getAndIncrement());
          byte[] secret = Tokens.newSecret(pipeline.context().tokenRandom());
          RegisterUser command =
              RegisterUser.newBuilder()
                  .setDisplayName(displayName)
                  .setHomeDc(dataCenter)
                  .setTokenHash(ByteString.copyFrom(Tokens.hash(secret)))
                  .build();
          return pipeline
              .propose(shard, CommandKind.REGISTER_USER, command)
              .thenApply(
                  applied -> {
                    long userId = expect(applied, Outcome.UserRegistered.class).userId();
                    return new Registration(userId, Tokens.format(userId, secret));
                  });
        });
  }

  long authenticate(String token) {
    Tokens.Presented presented = Tokens.parse(token);
    pipeline.router().requireLocal(Shards.shardOf(presented.userId()));
    if (!pipeline.state().tokenMatches(presented.userId(), Tokens.hash(presented.secret()))) {
      throw new MessagingException(Rejection.INVALID_TOKEN, "the token is not valid");
    }
    return presented.userId();
  }
}
