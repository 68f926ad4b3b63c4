/**
 * Molecular physics with kernel models: model potentials with exact energies and forces
 * ({@link org.mlmp.molecular.MullerBrown}, {@link org.mlmp.molecular.LennardJones}, {@link
 * org.mlmp.molecular.DoubleWell}), seeded uniform and Metropolis (Boltzmann) sampling ({@link
 * org.mlmp.molecular.Sampling}), descriptors ({@link org.mlmp.molecular.InverseDistances}, {@link
 * org.mlmp.molecular.CoulombMatrix}), a kernel-ridge potential with analytic forces ({@link
 * org.mlmp.molecular.KrrPotential}) and velocity-Verlet molecular dynamics ({@link
 * org.mlmp.molecular.VelocityVerlet}).
 */
package org.mlmp.molecular;
