# The app alone; Neo4j runs as its own service (docker-compose.yml), so no Java is needed here.
FROM node:20-bookworm-slim
# poppler-utils and tesseract (with its Vietnamese data) read scanned PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv python3-pip \
    poppler-utils tesseract-ocr tesseract-ocr-vie \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
# Converts the embedding model and builds the UI at image build time so containers start offline.
RUN npx tsx scripts/model/setup.ts && npx tsx scripts/build-web.ts
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["npm", "start"]
