package org.mlmp.kernelmethods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mlmp.io.ConfigJson;

/**
 * The file layout of {@link Svm} for {@link ConfigJson}: format version 1 writes the penalty as "C" (the
 * kernels themselves are described by {@link org.mlmp.kernel.KernelVocabulary}). Registered as a service.
 */
public final class SvmVocabulary implements ConfigJson.Vocabulary {
  @Override
  public List<ConfigJson.Polymorphic> polymorphic() {
    return List.of();
  }

  @Override
  public List<ConfigJson.Shaping> shapings() {
    return List.of(new ConfigJson.Shaping(Svm.class, o -> rename(o, "c", "C"), o -> rename(o, "C", "c")));
  }

  private static ObjectNode rename(ObjectNode o, String from, String to) {
    if (o.has(from)) o.set(to, o.remove(from));
    return o;
  }
}
