-- API request latency as fixed-bucket histograms per hour (UTC) and instance, added to by every instance
-- once a minute; the metrics summary computes percentiles over the sum of all instances' buckets.
-- bucket_le_ms is the bucket's upper bound in milliseconds (inclusive); 2147483647 stands for +Inf.
CREATE TABLE api_latency_buckets (
    hour         TIMESTAMPTZ NOT NULL,
    instance_id  VARCHAR(100) NOT NULL,
    bucket_le_ms INTEGER NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (hour, instance_id, bucket_le_ms),
    CONSTRAINT api_latency_buckets_count CHECK (count >= 0),
    CONSTRAINT api_latency_buckets_bound CHECK (bucket_le_ms > 0)
);
