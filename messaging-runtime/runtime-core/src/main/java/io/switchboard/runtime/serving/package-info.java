/**
 * Serves the gateway protocol over the node's real messaging service: {@link
 * io.switchboard.runtime.serving.ServiceMessagingEndpoint} implements the gateway's {@link
 * io.switchboard.runtime.protocol.MessagingEndpoint} seam on {@link
 * io.switchboard.runtime.messaging.MessagingService}. {@link
 * io.switchboard.runtime.serving.WireFormat} converts the messaging records into the protobuf types
 * of {@code gateway.proto}, and {@link io.switchboard.runtime.serving.RejectionCodes} maps each
 * {@link io.switchboard.runtime.messaging.Rejection} to the protocol's error code. Framework-free,
 * like the rest of runtime-core.
 */
package io.switchboard.runtime.serving;
