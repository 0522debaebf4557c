/**
 * Framing shared by the node's two TCP wires, the client gateway and the peer links: both carry
 * protobuf messages behind a 4-byte big-endian length (docs/protocol.md, peer.proto).
 */
package io.switchboard.runtime.node.wire;
