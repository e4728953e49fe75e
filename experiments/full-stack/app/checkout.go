// POST /checkout: the layered request path. Pick an item (hot with probability
// CACHE_HIT_RATIO) → cache lookup → on a miss (or without a cache) read it from PostgreSQL →
// insert the order → publish "order created" → answer with the order and a Server-Timing
// header; each step is a span of the request's trace when it is traced.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync/atomic"
)

// CheckoutPath is the route of the layered endpoint.
const CheckoutPath = "/checkout"

// App holds the layers that are on (nil when off).
type App struct {
	cfg       Config
	store     *Store
	cache     *Cache
	publisher Publisher
	tracer    *Tracer
	hits      atomic.Int64
	misses    atomic.Int64
	requests  atomic.Int64
	failures  atomic.Int64
}

type checkoutRequest struct {
	Customer string `json:"customer"`
	Qty      int    `json:"qty"`
}

type checkoutAnswer struct {
	Order  int64    `json:"order"`
	Item   Item     `json:"item"`
	Cache  string   `json:"cache"`
	Layers []string `json:"layers"`
}

func randomFloat() float64 {
	return rand.Float64()
}

// pickSKU draws the request's item: hot (cached) with probability ratio, else cold.
func (a *App) pickSKU(ratio float64) (string, bool) {
	hot := a.cfg.HotItems
	rows := a.cfg.DBRows
	if rows <= hot || randomFloat() < ratio {
		return "sku-" + strconv.Itoa(1+rand.IntN(hot)), true
	}
	return "sku-" + strconv.Itoa(hot+1+rand.IntN(rows-hot)), false
}

// catalogueItem is the item without a database (the app-only stack).
func catalogueItem(sku string) Item {
	n, _ := strconv.Atoi(sku[len("sku-"):])
	return Item{ID: int64(n), SKU: sku, Name: "item " + strconv.Itoa(n), PriceCents: int64(100 + (n*37)%9900)}
}

// Layers names the layers that are on, in request order.
func (a *App) Layers() []string {
	out := []string{LayerApp}
	if a.cache != nil {
		out = append(out, LayerCache)
	}
	if a.store != nil {
		out = append(out, LayerDatabase)
	}
	if a.publisher != nil {
		out = append(out, LayerMessaging)
	}
	return out
}

func (a *App) checkout(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, `{"error":"method not allowed"}`, http.StatusMethodNotAllowed)
		return
	}
	a.requests.Add(1)
	trace, parent := a.tracer.Begin(r)
	timer := NewRequestTimer(trace)
	status := http.StatusOK
	defer func() { timer.Finish(parent, CheckoutPath, status) }()
	fail := func(code int, err error) {
		status = code
		a.failures.Add(1)
		w.Header().Set("Server-Timing", timer.ServerTiming())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
	}
	var req checkoutRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Qty < 1 || req.Customer == "" {
		fail(http.StatusBadRequest, errors.New(`body must be {"customer": "<name>", "qty": <n ≥ 1>}`))
		return
	}
	ctx := r.Context()
	ratio := 0.0
	if a.cache != nil {
		ratio = a.cfg.CacheHitRatio
	}
	sku, _ := a.pickSKU(ratio)
	answer := checkoutAnswer{Cache: "off", Layers: a.Layers()}
	found := false
	if a.cache != nil {
		var it Item
		err := timer.Time(LayerCache, "cache.get", "cache", map[string]string{"db.system": "redis"}, func() error {
			var e error
			it, found, e = a.cache.Get(ctx, sku)
			return e
		})
		if err != nil {
			fail(http.StatusBadGateway, fmt.Errorf("cache: %w", err))
			return
		}
		if found {
			a.hits.Add(1)
			answer.Cache, answer.Item = "hit", it
		} else {
			a.misses.Add(1)
			answer.Cache = "miss"
		}
	}
	if !found {
		if a.store != nil {
			err := timer.Time(LayerDatabase, "db.read", "db-read", map[string]string{"db.system": "postgresql", "db.operation": "SELECT"}, func() error {
				var e error
				answer.Item, e = a.store.ItemBySKU(ctx, sku)
				return e
			})
			if err != nil {
				fail(http.StatusBadGateway, fmt.Errorf("database read: %w", err))
				return
			}
		} else {
			answer.Item = catalogueItem(sku)
		}
	}
	if a.store != nil {
		err := timer.Time(LayerDatabase, "db.write", "db-write", map[string]string{"db.system": "postgresql", "db.operation": "INSERT"}, func() error {
			var e error
			answer.Order, e = a.store.InsertOrder(ctx, answer.Item.ID, req.Qty, req.Customer)
			return e
		})
		if err != nil {
			fail(http.StatusBadGateway, fmt.Errorf("database write: %w", err))
			return
		}
	}
	if a.publisher != nil {
		event, _ := json.Marshal(map[string]any{"order": answer.Order, "sku": answer.Item.SKU, "qty": req.Qty, "customer": req.Customer})
		err := timer.Time(LayerMessaging, "publish "+OrdersSubject, "publish", map[string]string{"messaging.system": a.publisher.System()}, func() error {
			return a.publisher.Publish(ctx, event)
		})
		if err != nil {
			fail(http.StatusBadGateway, fmt.Errorf("publish: %w", err))
			return
		}
	}
	w.Header().Set("Server-Timing", timer.ServerTiming())
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer)
}

// stats answers GET /stats: counters of the run so far.
func (a *App) stats(exporter *Exporter) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		out := map[string]any{
			"layers": a.Layers(), "requests": a.requests.Load(), "failures": a.failures.Load(),
			"cacheHits": a.hits.Load(), "cacheMisses": a.misses.Load(),
		}
		if exporter != nil {
			out["spansExported"] = exporter.Exported.Load()
			out["spansDropped"] = exporter.Dropped.Load()
			out["spansFailed"] = exporter.Failed.Load()
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}
}

// hotItems lists the items the cache is warmed with.
func (a *App) hotItems(ctx context.Context) ([]Item, error) {
	out := make([]Item, 0, a.cfg.HotItems)
	for i := 1; i <= a.cfg.HotItems; i++ {
		sku := "sku-" + strconv.Itoa(i)
		if a.store == nil {
			out = append(out, catalogueItem(sku))
			continue
		}
		it, err := a.store.ItemBySKU(ctx, sku)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
