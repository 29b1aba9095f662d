"""Home delivery (送餐上门): the day's delivery orders in runs by area and building, riders, and each stop's outcome."""
