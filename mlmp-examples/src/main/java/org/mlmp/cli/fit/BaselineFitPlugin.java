package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.mlmp.baseline.MeanModel;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.api.Dataset;

/** {@code mlmp fit --model mean}: the baseline that predicts the training mean. */
public final class BaselineFitPlugin implements FitPlugin {
  @Override
  public Map<String, ModelInfo> models() {
    return Map.of("mean", new ModelInfo("predict the training mean of the target (baseline)", true, Set.of()));
  }

  @Override
  public Fitted fit(FitRequest request, Dataset train) {
    MeanModel m = MeanRegressor.of().fit(train);
    ObjectNode json = org.mlmp.cli.Cli.object();
    json.put("mean", m.mean()[0]);
    return new Fitted(m, json);
  }

  @Override
  public void predict(Fitted fitted, Dataset x, ObjectNode json) {
    var p = json.putArray("predictions");
    for (double v : ((MeanModel) fitted.model()).predict(x.x()).toDoubleVector()) p.add(v);
  }
}
