// The cache layer: Redis in front of the catalogue. The hot set (the first HotItems SKUs) is
// written at start-up; a request reads a hot SKU with probability CACHE_HIT_RATIO (a hit) and
// otherwise a cold SKU, which is never written back — so the observed hit ratio is the
// configured one, and every request makes one real Redis round trip.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache is the app's Redis access.
type Cache struct {
	client *redis.Client
}

func cacheKey(sku string) string {
	return "item:" + sku
}

// OpenCache connects to Redis and writes the hot set (items from `catalogue`).
func OpenCache(ctx context.Context, addr string, hot []Item) (*Cache, error) {
	c := &Cache{client: redis.NewClient(&redis.Options{Addr: addr, PoolSize: 64})}
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := c.client.Ping(ctx).Err()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("redis at %s not reachable within 60 s: %w", addr, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	pipe := c.client.Pipeline()
	for _, it := range hot {
		b, _ := json.Marshal(it)
		pipe.Set(ctx, cacheKey(it.SKU), b, 0)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("warming the cache: %w", err)
	}
	return c, nil
}

// Get reads an item; ok is false on a miss.
func (c *Cache) Get(ctx context.Context, sku string) (Item, bool, error) {
	b, err := c.client.Get(ctx, cacheKey(sku)).Bytes()
	if err == redis.Nil {
		return Item{}, false, nil
	}
	if err != nil {
		return Item{}, false, err
	}
	var it Item
	if err := json.Unmarshal(b, &it); err != nil {
		return Item{}, false, err
	}
	return it, true, nil
}

// Close closes the client.
func (c *Cache) Close() {
	_ = c.client.Close()
}
