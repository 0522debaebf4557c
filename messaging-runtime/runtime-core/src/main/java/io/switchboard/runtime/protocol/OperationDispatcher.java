package io.switchboard.runtime.protocol;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Carries out {@link Operation}s on a {@link MessagingEndpoint} and turns every outcome into the
 * {@link ServerFrame} that answers the request.
 *
 * <ol>
 *   <li>Call the endpoint method of the request's body with the caller and the request.
 *   <li>A result becomes the answer body of its kind ({@code registered}, {@code message_sent},
 *       ...) with the request's id.
 *   <li>A {@link MessagingException}, thrown or completing the future, becomes its {@link Error}.
 *   <li>Anything else (another exception, a {@code null} future or result) is reported to the
 *       observer of unexpected failures and answered with {@link ErrorCode#INTERNAL}.
 * </ol>
 *
 * <p>The returned future never completes exceptionally, and completes on the thread that completed
 * the endpoint's future (or the caller's, if that was already done). Stateless apart from its
 * collaborators; thread-safe if the endpoint is.
 */
public final class OperationDispatcher {

  private final MessagingEndpoint endpoint;
  private final BiConsumer<Operation, Throwable> unexpectedFailures;

  /**
   * @param endpoint carries out the operations
   * @param unexpectedFailures told about every failure answered with {@link ErrorCode#INTERNAL},
   *     for logging; called on the thread that completes the answer
   */
  public OperationDispatcher(
      MessagingEndpoint endpoint, BiConsumer<Operation, Throwable> unexpectedFailures) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.unexpectedFailures = Objects.requireNonNull(unexpectedFailures, "unexpectedFailures");
  }

  /** Carries out {@code operation}; the future holds its answer, an error answer included. */
  public CompletableFuture<ServerFrame> dispatch(Operation operation) {
    CompletableFuture<ServerFrame> answer;
    try {
      answer = call(operation);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle(
        (frame, failure) -> failure == null ? frame : errorAnswer(operation, failure));
  }

  private CompletableFuture<ServerFrame> call(Operation operation) {
    long id = operation.requestId();
    long user = operation.userId();
    ClientFrame request = operation.request();
    return switch (request.getBodyCase()) {
      case REGISTER ->
          answer(id, endpoint.register(request.getRegister()), ServerFrame.Builder::setRegistered);
      case AUTHENTICATE ->
          answer(
              id,
              endpoint.authenticate(request.getAuthenticate()),
              ServerFrame.Builder::setAuthenticated);
      case SEND_MESSAGE ->
          answer(
              id,
              endpoint.sendMessage(user, request.getSendMessage()),
              ServerFrame.Builder::setMessageSent);
      case CREATE_GROUP ->
          answer(
              id,
              endpoint.createGroup(user, request.getCreateGroup()),
              ServerFrame.Builder::setGroupCreated);
      case ADD_GROUP_MEMBER ->
          answer(
              id,
              endpoint.addGroupMember(user, request.getAddGroupMember()),
              ServerFrame.Builder::setGroupMemberAdded);
      case REMOVE_GROUP_MEMBER ->
          answer(
              id,
              endpoint.removeGroupMember(user, request.getRemoveGroupMember()),
              ServerFrame.Builder::setGroupMemberRemoved);
      case CREATE_CHANNEL ->
          answer(
              id,
              endpoint.createChannel(user, request.getCreateChannel()),
              ServerFrame.Builder::setChannelCreated);
      case SUBSCRIBE ->
          answer(
              id,
              endpoint.subscribe(user, request.getSubscribe()),
              ServerFrame.Builder::setSubscribed);
      case UNSUBSCRIBE ->
          answer(
              id,
              endpoint.unsubscribe(user, request.getUnsubscribe()),
              ServerFrame.Builder::setUnsubscribed);
      case POST_TO_CHANNEL ->
          answer(
              id,
              endpoint.postToChannel(user, request.getPostToChannel()),
              ServerFrame.Builder::setChannelPostPublished);
      case GET_HISTORY ->
          answer(
              id,
              endpoint.getHistory(user, request.getGetHistory()),
              ServerFrame.Builder::setHistory);
      case GET_DIFFERENCE ->
          answer(
              id,
              endpoint.getDifference(user, request.getGetDifference()),
              ServerFrame.Builder::setDifference);
      case GET_CHANNEL_DIFFERENCE ->
          answer(
              id,
              endpoint.getChannelDifference(user, request.getGetChannelDifference()),
              ServerFrame.Builder::setChannelDifference);
      case ADD_CHANNEL_ADMIN ->
          answer(
              id,
              endpoint.addChannelAdmin(user, request.getAddChannelAdmin()),
              ServerFrame.Builder::setChannelAdminAdded);
      case REMOVE_CHANNEL_ADMIN ->
          answer(
              id,
              endpoint.removeChannelAdmin(user, request.getRemoveChannelAdmin()),
              ServerFrame.Builder::setChannelAdminRemoved);
      case HANDSHAKE, PING, BODY_NOT_SET ->
          throw new IllegalStateException("Operation admits no " + request.getBodyCase());
    };
  }

  private static <T> CompletableFuture<ServerFrame> answer(
      long requestId,
      CompletableFuture<T> result,
      BiFunction<ServerFrame.Builder, T, ServerFrame.Builder> setBody) {
    Objects.requireNonNull(result, "the messaging endpoint returned no future");
    return result.thenApply(
        value -> setBody.apply(ServerFrame.newBuilder().setRequestId(requestId), value).build());
  }

  private ServerFrame errorAnswer(Operation operation, Throwable failure) {
    Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
    Error error;
    if (cause instanceof MessagingException refused) {
      error = refused.toError();
    } else {
      unexpectedFailures.accept(operation, cause);
      error =
          Error.newBuilder()
              .setCode(ErrorCode.INTERNAL)
              .setMessage("the server failed; the request may or may not have been carried out")
              .build();
    }
    return ServerFrame.newBuilder().setRequestId(operation.requestId()).setError(error).build();
  }
}
