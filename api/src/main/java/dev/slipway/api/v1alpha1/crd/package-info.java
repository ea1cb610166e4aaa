/**
 * Build-time declarations from which fabric8's CRD generator writes {@code config/crd/bases}: one
 * {@code CustomResource} per kind binding the runtime spec and status records to the CRD's names, printer columns,
 * scale subresource and root-level CEL rules. Nothing at runtime loads these classes; the fabric8 client they extend
 * is a build-time ({@code provided}) dependency only.
 */
package dev.slipway.api.v1alpha1.crd;
