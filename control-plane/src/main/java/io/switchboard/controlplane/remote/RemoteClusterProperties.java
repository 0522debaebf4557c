package io.switchboard.controlplane.remote;

import io.switchboard.runtime.node.ClusterPlacement;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A cluster of node processes to attach to ({@code switchboard.remote}).
 *
 * @param clusterFile the cluster file the nodes were started with ({@code --cluster FILE}); when
 *     set, the control plane attaches to those nodes and launches no embedded cluster
 * @param placement the {@code --placement} the nodes were started with: the control plane computes
 *     the same initial shard map from the file
 */
@ConfigurationProperties("switchboard.remote")
public record RemoteClusterProperties(
    Path clusterFile, @DefaultValue("balanced") ClusterPlacement placement) {}
