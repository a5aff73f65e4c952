/**
 * The storage port ({@link io.vodupload.ports.ObjectStorage}) on Alibaba's
 * {@code com.aliyun.oss:aliyun-sdk-oss}: {@link io.vodupload.adapters.oss.OssObjectStorage}, configured by its
 * {@link io.vodupload.adapters.oss.OssObjectStorage.Builder} (the method names of the HTTP adapter's builder) or by
 * an {@link io.vodupload.adapters.oss.OssStorageConfig}.
 *
 * <p>Only those types are public; everything else here is package-private and no SDK type appears in
 * their signatures or in the exceptions they throw. This package depends on {@code io.vodupload.ports} and
 * the SDK only (never on the domain or another adapter).
 */
package io.vodupload.adapters.oss;
