package org.mlmp.density;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mlmp.io.ConfigJson;

/**
 * How the density trainers appear in model files, for {@link ConfigJson}: a {@link Bandwidth} as
 * {@code {"rule": "sigma", "sigma": 0.5}}, {@code {"rule": "scott"}} or {@code {"rule": "silverman"}}
 * (the names {@link KernelDensityModel#rule()} returns), and a {@link GaussianMixture}'s covariance type by
 * its label ("full", "diag") as format version 1 wrote it. Registered as a service.
 */
public final class DensityVocabulary implements ConfigJson.Vocabulary {
  @Override
  public List<ConfigJson.Polymorphic> polymorphic() {
    return List.of(new ConfigJson.Polymorphic(Bandwidth.class, "rule", DensityVocabulary::ruleName, null, null));
  }

  @Override
  public List<ConfigJson.Shaping> shapings() {
    return List.of(new ConfigJson.Shaping(GaussianMixture.class,
        o -> covariance(o, CovarianceType.valueOf(o.path("covariance").asText()).label()),
        o -> covariance(o, CovarianceType.parse(o.path("covariance").asText()).name())));
  }

  /** "sigma", "scott" or "silverman". */
  static String ruleName(Class<?> bandwidth) {
    if (bandwidth == Bandwidth.Fixed.class) return "sigma";
    if (bandwidth == Bandwidth.Scott.class) return "scott";
    if (bandwidth == Bandwidth.Silverman.class) return "silverman";
    throw new IllegalArgumentException("No file name for the bandwidth " + bandwidth.getName() + ".");
  }

  private static ObjectNode covariance(ObjectNode o, String value) {
    if (o.has("covariance")) o.put("covariance", value);
    return o;
  }
}
