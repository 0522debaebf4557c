/**
 * The embedded cluster: on the default profile the control plane launches a local cluster of real
 * runtime nodes (real TCP on loopback, a data directory each) in every configured data centre,
 * registers them with the topology, and can kill and restart each one as if its process had died.
 * See docs/adr/0004-embedded-cluster-in-process-nodes.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Embedded cluster")
package io.switchboard.controlplane.embedded;
