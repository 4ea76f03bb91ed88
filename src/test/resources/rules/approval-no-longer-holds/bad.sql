-- persistence-layer-change plan-5f2c9e1a7b3d4c60 step 1/1: drop column customers.full_name
-- release 1, contract, DESTRUCTIVE (approved)
-- plc:approved plan-5f2c9e1a7b3d4c60 approve-3a9f1c2e7d4b8a61 sha256:736274f01239fdc9

SET lock_timeout = '5s';

ALTER TABLE customers DROP COLUMN full_name, DROP COLUMN email;
