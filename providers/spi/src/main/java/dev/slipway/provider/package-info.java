/**
 * The provider SPI: how Slipway's controllers reach a cloud. See {@link dev.slipway.provider.Provider} for the
 * contract every provider honours.
 */
package dev.slipway.provider;
