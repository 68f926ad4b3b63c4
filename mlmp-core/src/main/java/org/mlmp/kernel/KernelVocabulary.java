package org.mlmp.kernel;

import java.util.List;
import java.util.Locale;
import org.mlmp.io.ConfigJson;

/**
 * How kernels appear in model files, for {@link ConfigJson}: {@code {"name": "gaussian", "sigma": 1.5}},
 * the name being the record's simple name in lower case (linear, polynomial, gaussian, laplacian) and the
 * other keys its components. A {@link Radial} kernel holds a Java function and is refused with the reason.
 * Registered as a service.
 */
public final class KernelVocabulary implements ConfigJson.Vocabulary {
  @Override
  public List<ConfigJson.Polymorphic> polymorphic() {
    return List.of(new ConfigJson.Polymorphic(Kernel.class, "name",
        c -> c == Radial.class ? null : c.getSimpleName().toLowerCase(Locale.ROOT), null,
        k -> k instanceof Radial r ? "A Radial kernel (" + r.description() + ") holds a Java function, which cannot be"
            + " saved to a model file. Use Gaussian or Laplacian for a model you need to save, or keep the model in"
            + " memory and refit it where the function is available." : null));
  }
}
