/** The course's neural-network examples as {@code mlmp} subcommands: conv-demo, mnist, fashion-mnist. */
package org.mlmp.cli.nn;
