package org.mlmp.cli;

/**
 * mlmp-examples' {@link OptionVocabularyTest} with mlmp-spark's commands registered too ({@code mlmp spark},
 * {@code mlmp spark train}): one meaning per option name, the global options after them, and docs/cli.md listing
 * them and their options.
 */
class SparkOptionVocabularyTest extends OptionVocabularyTest {
}
