"""Items CRUD with FastAPI and uvicorn (Debian's python3-fastapi, python3-uvicorn). The body is
read by hand rather than by a pydantic model: the problem's 400 (not JSON) and 422 (a rule
broken) are its own, and pydantic would coerce "2.5" into a price."""
import json
import os

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

app = FastAPI()
items = {}
next_id = 1


def valid(body):
    name, price, quantity = body.get("name"), body.get("price"), body.get("quantity", 0)
    is_number = isinstance(price, (int, float)) and not isinstance(price, bool)
    if not isinstance(name, str) or not 1 <= len(name) <= 100 or not is_number or price < 0:
        return None
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        return None
    return {"name": name, "price": price, "quantity": quantity}


async def fields(request):
    """The item's fields, or the error reply."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        return None, JSONResponse({"error": "the body must be JSON"}, 400)
    if not isinstance(body, dict):
        return None, JSONResponse({"error": "the body must be a JSON object"}, 400)
    item = valid(body)
    if item is None:
        return None, JSONResponse({"error": "name (1-100 characters), price >= 0, quantity >= 0"}, 422)
    return item, None


@app.get("/items")
def list_items():
    return [items[k] for k in sorted(items)]


@app.post("/items", status_code=201)
async def create(request: Request):
    global next_id
    item, error = await fields(request)
    if error:
        return error
    items[next_id] = {"id": next_id, **item}
    next_id += 1
    return items[next_id - 1]


@app.get("/items/{item_id}")
def read(item_id: str):
    item = items.get(int(item_id)) if item_id.isdigit() else None
    return item if item else JSONResponse({"error": "no such item"}, 404)


@app.put("/items/{item_id}")
async def replace(item_id: str, request: Request):
    if not item_id.isdigit() or int(item_id) not in items:
        return JSONResponse({"error": "no such item"}, 404)
    item, error = await fields(request)
    if error:
        return error
    items[int(item_id)] = {"id": int(item_id), **item}
    return items[int(item_id)]


@app.delete("/items/{item_id}")
def delete(item_id: str):
    if not item_id.isdigit() or items.pop(int(item_id), None) is None:
        return JSONResponse({"error": "no such item"}, 404)
    return Response(status_code=204)


uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8080")), log_level="warning")
