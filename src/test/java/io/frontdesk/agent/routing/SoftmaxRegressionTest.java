package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {

  /** Three noisy clusters in 8 dimensions. */
  private static float[][] points(int perClass, long seed, int[] labels) {
    Random random = new Random(seed);
    float[][] x = new float[perClass * 3][8];
    for (int i = 0; i < x.length; i++) {
      int c = i % 3;
      labels[i] = c;
      for (int d = 0; d < 8; d++) {
        x[i][d] = (float) ((d == c ? 2.0 : 0.0) + random.nextGaussian() * 0.5);
      }
    }
    return x;
  }

  @Test
  void separatesClustersItWasNotTrainedOn() {
    int[] y = new int[90];
    float[][] x = points(30, 1, y);
    SoftmaxRegression model =
        SoftmaxRegression.train(
            x, y, 3, SoftmaxRegression.Settings.defaults(), new ForkJoinPool(2));
    int[] testLabels = new int[300];
    float[][] test = points(100, 2, testLabels);
    int right = 0;
    for (int i = 0; i < test.length; i++) {
      double[] p = model.probabilities(test[i]);
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-9, "probabilities sum to 1");
      int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
      right += best == testLabels[i] ? 1 : 0;
    }
    assertTrue(right >= 285, "accuracy on unseen points: " + right + "/300");
  }

  @Test
  void trainingIsDeterministicWhateverThePoolSize() {
    int[] y = new int[60];
    float[][] x = points(20, 3, y);
    double[] one =
        SoftmaxRegression.train(x, y, 3, SoftmaxRegression.Settings.defaults(), new ForkJoinPool(1))
            .probabilities(x[0]);
    double[] four =
        SoftmaxRegression.train(x, y, 3, SoftmaxRegression.Settings.defaults(), new ForkJoinPool(4))
            .probabilities(x[0]);
    assertArrayEquals(one, four, 0.0);
  }

  @Test
  void strongerRegularisationIsLessConfident() {
    int[] y = new int[60];
    float[][] x = points(20, 4, y);
    ForkJoinPool pool = new ForkJoinPool(2);
    double weak =
        max(
            SoftmaxRegression.train(x, y, 3, new SoftmaxRegression.Settings(1e-4, 300, 1e-6), pool)
                .probabilities(x[0]));
    double strong =
        max(
            SoftmaxRegression.train(x, y, 3, new SoftmaxRegression.Settings(1.0, 300, 1e-6), pool)
                .probabilities(x[0]));
    assertTrue(strong < weak, strong + " vs " + weak);
  }

  @Test
  void refusesMismatchedInput() {
    ForkJoinPool pool = new ForkJoinPool(1);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SoftmaxRegression.train(
                new float[2][3], new int[1], 2, SoftmaxRegression.Settings.defaults(), pool));
    SoftmaxRegression model =
        SoftmaxRegression.train(
            new float[][] {{1, 0}, {0, 1}},
            new int[] {0, 1},
            2,
            SoftmaxRegression.Settings.defaults(),
            pool);
    assertThrows(IllegalArgumentException.class, () -> model.probabilities(new float[3]));
  }

  private static double max(double[] p) {
    double m = 0;
    for (double v : p) {
      m = Math.max(m, v);
    }
    return m;
  }
}
