/**
 * Batches of many files as durable tasks on db-scheduler ({@link io.vodupload.batch.BatchQueue}): one task
 * per file in SQLite or PostgreSQL, worked by one process or many. The application supplies the upload of
 * one file ({@link io.vodupload.batch.FileUploader}); this module never chooses a storage or a transport.
 */
package io.vodupload.batch;
