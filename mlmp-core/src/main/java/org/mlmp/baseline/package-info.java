/** Baselines every model must beat; also the smallest complete example of a trainer, fitted model and codec. */
package org.mlmp.baseline;
