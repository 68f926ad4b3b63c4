package org.mlmp.cli.nn;

import org.mlmp.data.MnistData;
import picocli.CommandLine.Command;

/** {@code mlmp fashion-mnist}: {@link MnistCommand} on Fashion-MNIST. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
    description = "Train a CNN (default) or an MLP on Fashion-MNIST and report the test error.")
public final class FashionMnistCommand extends MnistCommand {
  @Override
  MnistData.Kind kind() {
    return MnistData.Kind.FASHION_MNIST;
  }
}
