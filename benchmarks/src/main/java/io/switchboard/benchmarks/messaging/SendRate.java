package io.switchboard.benchmarks.messaging;

/**
 * How fast the send phase sends.
 *
 * <ul>
 *   <li>{@link Mode#CLOSED_LOOP}: as fast as answers come back, with a fixed number of sends in
 *       flight per client;
 *   <li>{@link Mode#FIXED}: an open loop at {@code perSecond} sends per second over all clients,
 *       whatever the answers do; latency runs from each send's intended time;
 *   <li>{@link Mode#HALF_OF_MAX}: a closed-loop run, then an open-loop run at half the throughput
 *       it reached.
 * </ul>
 *
 * @param perSecond the rate of {@link Mode#FIXED}, positive; 0 otherwise
 */
record SendRate(Mode mode, int perSecond) {

  static final int MAX_PER_SECOND = 10_000_000;

  static final SendRate CLOSED_LOOP = new SendRate(Mode.CLOSED_LOOP, 0);
  static final SendRate HALF_OF_MAX = new SendRate(Mode.HALF_OF_MAX, 0);

  enum Mode {
    CLOSED_LOOP,
    FIXED,
    HALF_OF_MAX
  }

  SendRate {
    if ((mode == Mode.FIXED) != (perSecond > 0) || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException(
          "--rate must be 0, half or a rate from 1 to " + MAX_PER_SECOND + ": " + perSecond);
    }
  }

  static SendRate fixed(int perSecond) {
    return new SendRate(Mode.FIXED, perSecond);
  }

  /**
   * Parses {@code 0} (closed loop), {@code half} or a whole number of sends per second.
   *
   * @throws IllegalArgumentException for anything else
   */
  static SendRate parse(String text) {
    if (text.equals("half")) {
      return HALF_OF_MAX;
    }
    int perSecond;
    try {
      perSecond = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rate must be 0, half or a whole number of sends per second: " + text);
    }
    if (perSecond < 0) {
      throw new IllegalArgumentException("--rate must not be negative: " + text);
    }
    return perSecond == 0 ? CLOSED_LOOP : fixed(perSecond);
  }

  @Override
  public String toString() {
    return switch (mode) {
      case CLOSED_LOOP -> "0";
      case FIXED -> Integer.toString(perSecond);
      case HALF_OF_MAX -> "half";
    };
  }
}
