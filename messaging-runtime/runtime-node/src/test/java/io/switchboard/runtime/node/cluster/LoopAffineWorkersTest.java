package io.switchboard.runtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The workers and real Netty event loops: where handed-off work runs. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopAffineWorkersTest {

  private final ExecutorService workers =
      Executors.newFixedThreadPool(2, new DefaultThreadFactory("test-workers", true));
  private final EventLoopGroup loops =
      new NioEventLoopGroup(2, new DefaultThreadFactory("test-loop", true));
  private final LoopAffineWorkers affine = new LoopAffineWorkers(workers, loops);

  @AfterEach
  void stop() throws InterruptedException {
    loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
    workers.shutdownNow();
  }

  @Test
  void workHandedOffByAThreadThatIsNoLoopRunsOnTheWorkers() {
    assertThat(threadThatRuns(affine.forCaller())).startsWith("test-workers");
    assertThat(threadThatRuns(affine)).startsWith("test-workers");
  }

  @Test
  void workHandedOffByALoopRunsOnThatLoopAfterItsCurrentTask() throws Exception {
    for (var loop : loops) {
      List<String> steps = new CopyOnWriteArrayList<>();
      CompletableFuture<String> handedOffOn = new CompletableFuture<>();
      String loopThread =
          loop.submit(
                  () -> {
                    affine
                        .forCaller()
                        .execute(
                            () -> {
                              steps.add("handed off");
                              handedOffOn.complete(Thread.currentThread().getName());
                            });
                    steps.add("current task done");
                    return Thread.currentThread().getName();
                  })
              .get(5, TimeUnit.SECONDS);

      assertThat(handedOffOn.get(5, TimeUnit.SECONDS)).isEqualTo(loopThread);
      assertThat(steps).containsExactly("current task done", "handed off");
    }
  }

  @Test
  void workHandedOffByALoopWithTasksWaitingRunsOnTheWorkers() throws Exception {
    var loop = loops.next();
    Executor chosenWhenBusy =
        loop.submit(
                () -> {
                  for (int i = 0; i <= LoopAffineWorkers.MAX_QUEUED_ON_LOOP; i++) {
                    loop.execute(() -> {});
                  }
                  return affine.forCaller();
                })
            .get(5, TimeUnit.SECONDS);
    Executor chosenWhenIdle = loop.submit(affine::forCaller).get(5, TimeUnit.SECONDS);

    assertThat(threadThatRuns(chosenWhenBusy)).startsWith("test-workers");
    assertThat(threadThatRuns(chosenWhenIdle)).startsWith("test-loop");
  }

  @Test
  void workALoopRefusesBecauseItStoppedRunsOnTheWorkers() throws Exception {
    Executor loopsOwn = loops.next().submit(affine::forCaller).get(5, TimeUnit.SECONDS);
    assertThat(threadThatRuns(loopsOwn)).startsWith("test-loop");

    loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);

    assertThat(threadThatRuns(loopsOwn)).startsWith("test-workers");
  }

  private static String threadThatRuns(Executor executor) {
    CompletableFuture<String> ranOn = new CompletableFuture<>();
    executor.execute(() -> ranOn.complete(Thread.currentThread().getName()));
    return ranOn.orTimeout(5, TimeUnit.SECONDS).join();
  }
}
